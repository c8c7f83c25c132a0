using Diplotrack.Data;
using Diplotrack.Data.Reference;
using Diplotrack.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Pages.Codebook;

/// <summary>The current codebook's actors and themes; admins get links to edit it (Codebook/Edit).</summary>
public sealed class IndexModel(DiplotrackDbContext db, IAuthorizationService authorization) : PageModel
{
    public bool CanEdit { get; private set; }
    public CodebookVersion? Version { get; private set; }
    public IReadOnlyList<Actor> Actors { get; private set; } = [];
    public IReadOnlyList<Theme> Themes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded;
        Version = await db.CodebookVersions.AsNoTracking().OrderByDescending(v => v.Id)
            .Select(v => new CodebookVersion { Id = v.Id, ContentSha256 = v.ContentSha256, Content = "", Description = v.Description, CreatedAt = v.CreatedAt, CreatedBy = v.CreatedBy })
            .FirstOrDefaultAsync(ct);
        Actors = await db.Actors.AsNoTracking().OrderBy(a => a.Kind).ThenBy(a => a.Id).ToListAsync(ct);
        Themes = await db.Themes.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct);
    }
}
