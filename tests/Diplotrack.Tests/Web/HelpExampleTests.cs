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

    [Fact]
    public async Task The_list_of_verbs_shows_one_line_per_verb_and_no_examples()
    {
        var help = await Cli.RunAsync(null, ["--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("recode", help.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Example", help.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(HelpExamples.ByPath["recode"][1], help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verb_shows_its_examples_after_its_options()
    {
        var help = await Cli.RunAsync(null, ["recode", "--help"]);
        var options = help.Stdout.IndexOf("Options:", StringComparison.Ordinal);
        var examples = help.Stdout.IndexOf("Examples:", StringComparison.Ordinal);
        Assert.True(options >= 0 && examples > options, help.Stdout);
        Assert.Contains(HelpExamples.ByPath["recode"][1], help.Stdout[examples..], StringComparison.Ordinal);
    }
}
