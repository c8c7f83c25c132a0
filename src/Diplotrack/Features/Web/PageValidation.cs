using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Diplotrack.Features.Web;

/// <summary>Runs the API's FluentValidation validator for a page's bound input and puts each message beside its field.</summary>
public static class PageValidation
{
    public static async Task<bool> ValidateAsync<T>(this ModelStateDictionary modelState, IServiceProvider services, T input, string prefix, CancellationToken ct)
    {
        var result = await services.GetRequiredService<IValidator<T>>().ValidateAsync(input, ct);
        foreach (var error in result.Errors)
        {
            var key = $"{prefix}.{error.PropertyName}";
            // A binding error ("'x' is not a valid date") already explains the same field better.
            if (modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0) continue;
            modelState.AddModelError(key, error.ErrorMessage);
        }
        return modelState.IsValid;
    }
}

/// <summary>Evidence spans (absolute offsets into the document's text) cut a statement into plain and marked runs.</summary>
public static class Highlighter
{
    public sealed record Run(string Text, string? Role);

    public static IReadOnlyList<Run> Runs(string text, int offset, IEnumerable<Coding.Corrections.EvidenceView> evidence)
    {
        var roles = new string?[text.Length];
        foreach (var e in evidence.OrderBy(e => e.Role == "cue")) // cues drawn last: they win where spans overlap
        {
            var start = Math.Max(0, e.Start - offset);
            var end = Math.Min(text.Length, e.End - offset);
            for (var i = start; i < end; i++) roles[i] = e.Role;
        }
        var runs = new List<Run>();
        var runStart = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i < text.Length && roles[i] == roles[runStart]) continue;
            if (i > runStart) runs.Add(new Run(text[runStart..i], roles[runStart]));
            runStart = i;
        }
        return runs;
    }

    public static string StanceClass(int stance) => stance switch { < 0 => $"stance-m{-stance}", 0 => "stance-0", _ => $"stance-p{stance}" };

    public static string StanceLabel(int stance) => stance switch
    {
        -2 => "−2 hostile", -1 => "−1 critical", 0 => "0 neutral", 1 => "+1 positive", 2 => "+2 cooperative", _ => stance.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>Model of the statement card partial.</summary>
public sealed record StatementCard(Documents.StatementView Statement, bool CanEdit);
