using Diplotrack.Features.Auth;
using FluentValidation;

namespace Diplotrack.Features.Web;

/// <summary>The web role's shared plumbing: problem details, OpenAPI, validators, Razor Pages and their security.</summary>
public static class AdminWeb
{
    public static IServiceCollection AddAdminWeb(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // Exception handlers run in registration order: a bad request body (ApiContract: 400) before the catch-all
        // that answers outages with 503 and everything else with 500 (ErrorResponses).
        services.AddApiContract();
        services.AddExceptionHandler<ErrorResponses>();
        services.AddOpenApi(o => o.AddRequiredProperties().AddDocumentTransformer((document, _, _) =>
        {
            // Scripts authenticate with a personal API token; say so in the document clients generate from.
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["apiToken"] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal API token (dt_…) created by an admin on /admin/users or POST /api/v1/tokens.",
            };
            document.Security = [new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("apiToken", document)] = [] }];
            return Task.CompletedTask;
        }));
        // Scoped: validators ask the database whether actor and theme ids exist.
        services.AddValidatorsFromAssemblyContaining(typeof(AdminWeb), ServiceLifetime.Scoped);
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddRazorPages(o =>
            {
                // Pages need a role unless they say otherwise; write pages demand editor or admin themselves.
                o.Conventions.AuthorizeFolder("/", Policies.Viewer);
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AddPageApplicationModelConvention("/Account/Login",
                    page => page.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(SignInThrottle.Policy)));
                o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            })
            // FluentValidation is the one source of messages; MVC's implicit [Required] would say it twice.
            .AddMvcOptions(o => o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);
        // An uploaded transcript travels back as base64 between preview and save (5 MB file = 6.7 MB field).
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.ValueLengthLimit = 8 * 1024 * 1024);
        services.AddSecurityHeaders();
        // Actor names in the reader's language (a cookie), read by pages and the services that name actors.
        services.AddHttpContextAccessor();
        services.AddScoped<DisplayLanguage>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "diplotrack.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        return services;
    }

    public static WebApplication UseAdminWeb(this WebApplication app)
    {
        // First, so that error pages and static files get the headers too.
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // wwwroot (the stylesheet): anonymous, since the sign-in page needs it too.
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapAdminPages(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
