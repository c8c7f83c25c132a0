namespace Diplotrack.Hosting;

/// <summary>
/// What one process does: <c>web</c> serves the admin UI and API, <c>worker</c> runs background jobs, <c>all</c> both.
/// Workers scale out on the shared PostgreSQL job storage.
/// </summary>
public enum ServeRole { All, Web, Worker }

public static class ServeRoles
{
    public static bool ServesWeb(this ServeRole role) => role is ServeRole.All or ServeRole.Web;
    public static bool RunsJobs(this ServeRole role) => role is ServeRole.All or ServeRole.Worker;
}
