namespace Diplotrack.Features.Reporting;

/// <summary>Configuration section <c>Reporting</c> (env <c>Reporting__Password</c>).</summary>
public sealed class ReportingOptions
{
    public const string Section = "Reporting";

    /// <summary>Password of the <c>diplotrack_reporting</c> login. Deliberately no default: it never lives in the repo.</summary>
    public string? Password { get; set; }
}
