using Diplotrack.Features.Documents;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Diplotrack.Pages.Documents;

public sealed class IndexModel(DocumentQueries queries, IValidator<DocumentFilter> validator) : PageModel
{
    [BindProperty(SupportsGet = true)] public DocumentFilter Filter { get; set; } = new();
    public PageOf<DocumentSummary> Result { get; private set; } = new([], 1, 20, 0);
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var valid = await validator.ValidateAsync(Filter, ct);
        if (!valid.IsValid)
        {
            Errors = valid.Errors.Select(e => e.ErrorMessage).ToList();
            return;
        }
        Result = await queries.ListAsync(Filter, ct);
    }

    public string PageLink(int page)
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString("/documents", query);
    }
}
