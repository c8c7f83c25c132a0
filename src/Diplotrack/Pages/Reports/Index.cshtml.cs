using Diplotrack.Features.Reporting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diplotrack.Pages.Reports;

/// <summary>The reporting views, each with a CSV download that works with the UI's sign-in cookie (Reports/Csv).</summary>
public sealed class IndexModel(ReportExporter exporter) : PageModel
{
    public IReadOnlyList<string> Views { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Views = await exporter.ListViewsAsync(ct);
}
