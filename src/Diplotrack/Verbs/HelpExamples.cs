using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Diplotrack.Verbs;

/// <summary>
/// An example for every verb's <c>--help</c>, kept in one place so that one test can walk the command tree and find any
/// verb without one (issue 13: a new user met verbs whose help said what, never how). Each example is written as a user
/// types it once scripts/ is on PATH (README: `diplotrack` is scripts/diplotrack), and runs as written against the
/// product that scripts/run serves.
/// </summary>
public static class HelpExamples
{
    /// <summary>Command path (verbs joined by spaces) → example command lines.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ByPath = new Dictionary<string, string[]>
    {
        ["serve"] = ["diplotrack serve --role web --urls http://127.0.0.1:5081"],
        ["migrate"] = ["diplotrack migrate"],
        ["seed"] = ["diplotrack seed"],
        ["ingest"] = ["diplotrack ingest seed/documents/*.txt", "diplotrack ingest --dir /tmp/archive --bulk"],
        ["sources"] = ["diplotrack sources list"],
        ["sources add"] = [@"diplotrack sources add fmprc-zh --url https://www.mfa.gov.cn/web/fyrbt_673021/jzhsl_673025/ --link-pattern '/t\d+\.shtml$' --format fmprc-briefing-html"],
        ["sources list"] = ["diplotrack sources list"],
        ["sources poll"] = ["diplotrack sources poll"],
        ["sources refetch"] = ["diplotrack sources refetch"],
        ["reporting-role"] = ["Reporting__Password='a long secret' diplotrack reporting-role"],
        ["report"] = ["diplotrack report monthly_targets --where \"target_actor_id = 'US'\" --limit 12 --csv"],
        ["code"] = ["diplotrack code seed/documents/2024-03-07-wang-yi-npc-press-conference.txt --json"],
        ["eval"] = ["diplotrack eval seed/gold/fmprc --kinds answer,opening", "diplotrack eval ../shared/eval/seed-gold.jsonl --json"],
        ["train"] = ["diplotrack train", "diplotrack train --no-cv --out /tmp/coder.model"],
        ["recode"] = ["diplotrack recode", "diplotrack recode --bulk"],
        ["users"] = ["diplotrack users list"],
        ["users add"] = ["diplotrack users add ana@example.org --role editor", "echo 'a long enough secret' | diplotrack users add bo@example.org --role viewer --password-stdin"],
        ["users list"] = ["diplotrack users list"],
        ["users set-password"] = ["diplotrack users set-password ana@example.org"],
        ["users disable"] = ["diplotrack users disable ana@example.org"],
        ["users enable"] = ["diplotrack users enable ana@example.org"],
        ["tokens"] = ["diplotrack tokens list"],
        ["tokens create"] = ["TOKEN=$(diplotrack tokens create admin@localhost --name export)",
            "curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:5080/api/v1/documents"],
        ["tokens list"] = ["diplotrack tokens list"],
        ["tokens revoke"] = ["diplotrack tokens revoke 1"],
        ["recompute"] = ["diplotrack recompute", "diplotrack recompute --documents 1,2"],
        ["bench"] = ["diplotrack bench generate --docs 100 --out /tmp/archive"],
        ["bench generate"] = ["diplotrack bench generate --docs 5000 --out /tmp/archive --seed 1"],
    };

    /// <summary>
    /// Shows a verb's examples in its own <c>--help</c>, as a section after the options, and nowhere else: the root's
    /// list of verbs stays one line per verb (put in the descriptions, every example was also printed there).
    /// </summary>
    public static void Apply(Command root)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
            if (help.Action is HelpAction standard) help.Action = new WithExamples(standard);
    }

    /// <summary>The examples of a command path, as printed under "Examples:".</summary>
    public static string? Section(string path) => ByPath.TryGetValue(path, out var examples)
        ? $"{(examples.Length == 1 ? "Example" : "Examples")}:\n" + string.Join("\n", examples.Select(e => "  " + e)) + "\n"
        : null;

    private sealed class WithExamples(HelpAction standard) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var result = standard.Invoke(parseResult);
            var names = new List<string>();
            for (var r = parseResult.CommandResult; r.Parent is CommandResult parent; r = parent) names.Insert(0, r.Command.Name);
            var path = string.Join(' ', names);
            if (Section(path) is { } section) parseResult.InvocationConfiguration.Output.Write(section);
            return result;
        }
    }

    /// <summary>Every subcommand under <paramref name="root"/> with its path.</summary>
    public static IEnumerable<(string Path, Command Command)> Walk(Command root, string prefix = "")
    {
        foreach (var sub in root.Subcommands)
        {
            var path = prefix.Length == 0 ? sub.Name : $"{prefix} {sub.Name}";
            yield return (path, sub);
            foreach (var nested in Walk(sub, path)) yield return nested;
        }
    }
}
