using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;

namespace Diplotrack.Features.Api;

/// <summary>
/// The one validation step of the API: runs the FluentValidation validator of the request argument of type
/// <typeparamref name="T"/> (the same validator the pages use) and answers an RFC 7807 validation problem.
/// </summary>
// The validator is resolved per request: validators query the database (known actor and theme ids), so they are scoped.
public sealed class ValidationFilter<T> : IEndpointFilter where T : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<T>().FirstOrDefault();
        if (request is null)
            return TypedResults.Problem("The request body is missing or is not valid JSON.", statusCode: StatusCodes.Status400BadRequest);
        var validator = context.HttpContext.RequestServices.GetRequiredService<IValidator<T>>();
        var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
        return result.IsValid ? await next(context) : TypedResults.ValidationProblem(ValidationFilter.ToErrors(result));
    }
}

public static class ValidationFilter
{
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder) where T : class =>
        builder.AddEndpointFilter<ValidationFilter<T>>().ProducesValidationProblem();

    /// <summary>Error keys in the JSON spelling of the request (<c>targets[0].stance</c>), messages grouped per field.</summary>
    public static Dictionary<string, string[]> ToErrors(ValidationResult result) =>
        result.Errors.GroupBy(e => JsonName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());

    public static string JsonName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
