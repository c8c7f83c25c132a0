using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;

namespace Diplotrack.Features.Web;

/// <summary>
/// What the JSON API promises clients beyond its endpoints: integers are JSON numbers, the OpenAPI document says which
/// fields are required, and a body that is not valid JSON gets a 400 problem that says what is wrong (issue 13).
/// </summary>
public static class ApiContract
{
    public static IServiceCollection AddApiContract(this IServiceCollection services)
    {
        // The web defaults read numbers from strings too (AllowReadingFromString), which OpenAPI then types as
        // ["integer","string"] with a pattern; clients generated from it got string-or-number fields. Numbers only.
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        // Minimal APIs answer an unreadable body with a bare 400 outside Development; throwing lets the handler below
        // explain it (the JSON reader's message has the path and position of the error).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestHandler>();
        return services;
    }

    /// <summary>
    /// Marks as required what is: a response property that is never null, and a request property that the request's
    /// validator (FluentValidation, the one source of rules) demands unconditionally with NotNull or NotEmpty. Request
    /// records keep nullable properties so that a missing field gets the validator's message rather than a JSON error.
    /// </summary>
    public static OpenApiOptions AddRequiredProperties(this OpenApiOptions options) => options.AddSchemaTransformer((schema, context, ct) =>
    {
        var type = context.JsonTypeInfo;
        if (type.Kind != System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object || schema.Properties is null || context.JsonPropertyInfo is not null)
            return Task.CompletedTask;
        using var scope = context.ApplicationServices.CreateScope();
        var validator = scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(type.Type)) as IValidator;
        var descriptor = validator?.CreateDescriptor();
        var nullability = new NullabilityInfoContext();
        foreach (var property in type.Properties)
        {
            if (!schema.Properties.ContainsKey(property.Name) || property.AttributeProvider is not PropertyInfo clr) continue;
            var required = descriptor is not null
                ? descriptor.GetValidatorsForMember(clr.Name).Any(v =>
                    v.Validator is INotNullValidator or INotEmptyValidator && !v.Options.HasCondition && !v.Options.HasAsyncCondition)
                : clr.PropertyType.IsValueType
                    ? Nullable.GetUnderlyingType(clr.PropertyType) is null
                    : nullability.Create(clr).ReadState == NullabilityState.NotNull;
            if (required)
            {
                schema.Required ??= new HashSet<string>();
                schema.Required.Add(property.Name);
            }
        }
        return Task.CompletedTask;
    });

    private sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (exception is not BadHttpRequestException bad) return false;
            http.Response.StatusCode = bad.StatusCode;
            var detail = bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = new ProblemDetails
                {
                    Status = bad.StatusCode,
                    Title = bad.InnerException is JsonException ? "The request body is not valid JSON." : "The request could not be read.",
                    Detail = detail,
                },
            });
        }
    }
}
