using System.Reflection;

namespace Diplotrack.Migrations;

/// <summary>
/// Hand-written SQL (views, roles, functions) lives in <c>Sql/*.sql</c> files, embedded in this assembly, so it
/// can be read and reviewed as SQL rather than as C# strings; migrations run it by name.
/// </summary>
public static class SqlScript
{
    /// <summary>
    /// The newest definition of the reporting views and snapshots. Each file is frozen once a migration runs it
    /// (decision 0016); a change is a new file run by a new migration, and this name moves to it.
    /// </summary>
    public const string CurrentReportingViews = "reporting_views.20261125174245.sql";

    public static string Read(string fileName)
    {
        var assembly = typeof(SqlScript).Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"SQL script '{fileName}' is not embedded in {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
