using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Diplotrack.Text.Evaluation;

/// <summary>
/// The printed forms of a <see cref="ScoreReport"/>: a readable report (every figure of issue #12 with and without the
/// speaker's own country, per-theme figures, the stance confusion table, the worst statements) and a JSON object for
/// scripts. Kept in the library so that the CLI verb, the tests and any notebook print the same figures the same way.
/// </summary>
public static class ScoreReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Text(ScoreReport r, string label)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"== {label}");
        sb.AppendLine(Inv, $"statements: gold {r.GoldStatements}, system {r.SystemStatements}, matched {r.Matched}");
        sb.AppendLine();
        sb.AppendLine("                     all actors                          without CN");
        sb.AppendLine(Inv, $"target P/R/F1        {Prf(r.Targets),-35} {Prf(r.TargetsWithoutSelf)}");
        sb.AppendLine(Inv, $"stance exact         {r.Stance.ExactAccuracy,-35:0.000} {r.StanceWithoutSelf.ExactAccuracy:0.000}");
        sb.AppendLine(Inv, $"stance ±1            {r.Stance.WithinOneAccuracy,-35:0.000} {r.StanceWithoutSelf.WithinOneAccuracy:0.000}");
        sb.AppendLine(Inv, $"stance 3-class       {r.Stance.ThreeClassAccuracy,-35:0.000} {r.StanceWithoutSelf.ThreeClassAccuracy:0.000}");
        sb.AppendLine(Inv, $"stance pairs         {r.Stance.Pairs,-35} {r.StanceWithoutSelf.Pairs}");
        sb.AppendLine(Inv, $"theme micro P/R/F1   {Prf(r.Themes)}");
        sb.AppendLine();
        sb.AppendLine("theme            P      R      F1     gold  system");
        foreach (var (theme, s) in r.ThemesByClass)
            sb.AppendLine(Inv, $"{theme,-14} {s.Precision,6:0.000} {s.Recall,6:0.000} {s.F1,6:0.000} {s.GoldCount,6} {s.SystemCount,7}");
        sb.AppendLine();
        sb.AppendLine("stance confusion without CN (rows gold, columns system)");
        sb.AppendLine("gold\\sys     -2     -1      0     +1     +2");
        for (var g = 0; g < 5; g++)
        {
            sb.Append(Inv, $"{g - 2,4:+0;-0;0}    ");
            foreach (var n in r.StanceWithoutSelf.Confusion[g]) sb.Append(Inv, $"{n,7}");
            sb.AppendLine();
        }
        if (r.Worst.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(Inv, $"worst {r.Worst.Count} statements (errors = missed + extra targets + stance distance + missed + extra themes)");
            foreach (var w in r.Worst)
            {
                sb.AppendLine(Inv, $"{w.Errors,3}  {w.Document} [{w.Kind}] {w.Text}");
                sb.AppendLine(Inv, $"     gold {w.Gold}");
                sb.AppendLine(Inv, $"     sys  {w.System}");
            }
        }
        return sb.ToString();
    }

    private static string Prf(PrfScore s) => string.Create(Inv, $"{s.Precision:0.000} / {s.Recall:0.000} / {s.F1:0.000}");

    /// <summary>One JSON object per report; field names are snake_case like the rest of the CLI's JSON.</summary>
    public static void WriteJson(Utf8JsonWriter w, ScoreReport r, string label)
    {
        w.WriteStartObject();
        w.WriteString("label", label);
        w.WriteStartObject("statements");
        w.WriteNumber("gold", r.GoldStatements);
        w.WriteNumber("system", r.SystemStatements);
        w.WriteNumber("matched", r.Matched);
        w.WriteEndObject();
        Prf(w, "targets", r.Targets);
        Prf(w, "targets_without_self", r.TargetsWithoutSelf);
        Stance(w, "stance", r.Stance);
        Stance(w, "stance_without_self", r.StanceWithoutSelf);
        Prf(w, "themes", r.Themes);
        w.WriteStartObject("themes_by_class");
        foreach (var (theme, s) in r.ThemesByClass) Prf(w, theme, s);
        w.WriteEndObject();
        w.WriteStartArray("worst");
        foreach (var e in r.Worst)
        {
            w.WriteStartObject();
            w.WriteString("document", e.Document);
            w.WriteString("kind", e.Kind);
            w.WriteString("text", e.Text);
            w.WriteString("gold", e.Gold);
            w.WriteString("system", e.System);
            w.WriteNumber("errors", e.Errors);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Prf(Utf8JsonWriter w, string name, PrfScore s)
    {
        w.WriteStartObject(name);
        w.WriteNumber("precision", Math.Round(s.Precision, 4));
        w.WriteNumber("recall", Math.Round(s.Recall, 4));
        w.WriteNumber("f1", Math.Round(s.F1, 4));
        w.WriteNumber("true_positives", s.TruePositives);
        w.WriteNumber("system", s.SystemCount);
        w.WriteNumber("gold", s.GoldCount);
        w.WriteEndObject();
    }

    private static void Stance(Utf8JsonWriter w, string name, StanceScore s)
    {
        w.WriteStartObject(name);
        w.WriteNumber("pairs", s.Pairs);
        w.WriteNumber("exact", Math.Round(s.ExactAccuracy, 4));
        w.WriteNumber("within_one", Math.Round(s.WithinOneAccuracy, 4));
        w.WriteNumber("three_class", Math.Round(s.ThreeClassAccuracy, 4));
        // Rows are gold −2..+2, columns system −2..+2.
        w.WriteStartArray("confusion");
        foreach (var row in s.Confusion)
        {
            w.WriteStartArray();
            foreach (var n in row) w.WriteNumberValue(n);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
