using Diplotrack.Features.Auth;

namespace Diplotrack.Features.Api;

public static class ApiV1
{
    /// <summary><c>/api/v1</c>: read endpoints need any role; writes add their own stricter policy.</summary>
    public static RouteGroupBuilder MapApiV1(this WebApplication app)
    {
        app.MapOpenApi().RequireAuthorization(Policies.Viewer);
        return app.MapGroup("/api/v1").RequireAuthorization(Policies.Viewer);
    }
}
