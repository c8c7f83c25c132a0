using System.Reflection;
using System.Security.Cryptography;
using Diplotrack.Migrations;

namespace Diplotrack.Tests.Reporting;

/// <summary>
/// A migration keeps meaning what it meant (decision 0016): the reporting view scripts that migrations run never change.
/// A view change is a new reporting_views.&lt;migration id&gt;.sql run by a new migration, with its hash added here.
/// </summary>
public class ReportingViewsFrozenTests
{
    private static readonly Dictionary<string, string> Frozen = new()
    {
        ["reporting_views.20261125174245.sql"] = "b779d8936353950b18f49f3d76392e56e775762c0146f454a1eae973eef74b3f",
    };

    [Fact]
    public void Every_reporting_view_script_is_frozen_and_the_current_one_is_the_newest()
    {
        var assembly = typeof(SqlScript).Assembly;
        var scripts = assembly.GetManifestResourceNames().Where(n => n.Contains(".reporting_views.", StringComparison.Ordinal))
            .Select(n => n[(n.IndexOf("reporting_views.", StringComparison.Ordinal))..]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Frozen.Keys.Order(StringComparer.Ordinal), scripts);
        foreach (var (name, sha) in Frozen)
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(ReadBytes(assembly, name))));
        Assert.Equal(SqlScript.CurrentReportingViews, scripts[^1]);
    }

    private static byte[] ReadBytes(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal)))!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
