using Diplotrack.Features.Explorer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diplotrack.Pages.Explorer;

/// <summary>The stance explorer: without an actor, the list of actors; with one, its chart, filters and the selected statements.</summary>
public sealed class IndexModel(ExplorerQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Speaker { get; set; }
    [BindProperty(SupportsGet = true)] public string? Theme { get; set; }
    [BindProperty(SupportsGet = true)] public string? Venue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Grain { get; set; }
    [BindProperty(SupportsGet = true)] public string? Point { get; set; }
    [BindProperty(SupportsGet = true)] public long? Change { get; set; }

    public IReadOnlyList<ActorChoice> Actors { get; private set; } = [];
    public ExplorerData? Data { get; private set; }
    public ExplorerSelection? Selection { get; private set; }
    public string ChartSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Actors = await queries.ActorsAsync(ct);
        if (Actor is null) return Page();
        Data = await queries.LoadAsync(new ExplorerFilter(Actor.ToUpperInvariant(), Speaker, Theme, Venue, Grain, Point, Change), ct);
        if (Data is null) return NotFound();
        var basePath = $"/explorer/{Uri.EscapeDataString(Data.Target.Id)}";
        var filter = Data.Filter with { Point = null, Change = null };
        ChartSvg = ExplorerChart.Render(Data,
            (venue, period) => basePath + (filter with { Point = $"{venue}:{period:yyyy-MM-dd}" }).Query(withSelection: true) + "#statements",
            id => basePath + (filter with { Change = id }).Query(withSelection: true) + "#statements");
        Selection = await queries.SelectionAsync(Data, ct);
        return Page();
    }

    public string Link(string suffix = "", ExplorerFilter? filter = null) =>
        $"/explorer/{Uri.EscapeDataString(Data!.Target.Id)}{suffix}{(filter ?? Data.Filter with { Point = null, Change = null }).Query(withSelection: true)}";
}
