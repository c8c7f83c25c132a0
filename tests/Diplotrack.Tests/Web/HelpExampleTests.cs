using Diplotrack.Hosting;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Verbs;

namespace Diplotrack.Tests.Web;

/// <summary>Every verb's --help shows an example (issue 13).</summary>
public sealed class HelpExampleTests
{
    [Fact]
    public void Every_verb_has_an_example_and_every_example_names_a_verb_that_exists()
    {
        var paths = HelpExamples.Walk(CliRoot.Create()).Select(c => c.Path).ToList();
        Assert.Contains("tokens create", paths);
        Assert.Empty(paths.Except(HelpExamples.ByPath.Keys));
        Assert.Empty(HelpExamples.ByPath.Keys.Except(paths));
    }

    [Theory]
    [InlineData("users", "add")]
    [InlineData("tokens", "create")]
    [InlineData("ingest")]
    public async Task Help_prints_the_example(params string[] verb)
    {
        var help = await Cli.RunAsync(null, [.. verb, "--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Example", help.Stdout, StringComparison.Ordinal);
        Assert.Contains(HelpExamples.ByPath[string.Join(' ', verb)][0], help.Stdout, StringComparison.Ordinal);
    }
}
