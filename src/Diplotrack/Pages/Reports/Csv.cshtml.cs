using System.Text;
using Diplotrack.Features.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace Diplotrack.Pages.Reports;

/// <summary>
/// <c>/reports/{view}.csv</c>: the same CSV as <c>GET /api/v1/reports/{view}.csv</c>, for people signed in with the
/// UI's cookie (the API takes bearer tokens only). Streamed row by row: a view may be large.
/// </summary>
public sealed class CsvModel(ReportExporter exporter) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string view, CancellationToken ct)
    {
        // Checked before the response starts, so an unknown view is a clean 404 rather than a broken download.
        if (!(await exporter.ListViewsAsync(ct)).Contains(view, StringComparer.Ordinal)) return NotFound();
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = $"{view}.csv", FileName = $"{view}.csv" }.ToString();
        await using (var writer = new StreamWriter(Response.Body, new UTF8Encoding(false), leaveOpen: true))
            await exporter.WriteCsvAsync(view, null, null, writer, ct);
        return new EmptyResult();
    }
}
