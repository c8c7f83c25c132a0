using Diplotrack.Data;
using Diplotrack.Data.Coding;
using Diplotrack.Features.Coding.Corrections;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Documents;

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

public sealed record DocumentSummary(long Id, string Title, DateOnly Date, string Kind, string? Place, string Language,
    string Source, int Statements, int ManualCodings, DateTimeOffset IngestedAt);

public sealed record ExchangeView(long Id, int Ordinal, string? Section, string? Outlet, string? Answerer, int Start, int End);

public sealed record StatementView(long Id, int Ordinal, string Kind, string? Speaker, int? Exchange, string? Section,
    int Start, int End, string Text, CodingView? Coding);

public sealed record DocumentDetail(long Id, string Title, DateOnly Date, string Kind, string? Place, string? Occasion,
    string Language, string Source, string Format, string Sha256, DateTimeOffset IngestedAt, string? IngestedBy, uint Version,
    string NormalisedText, IReadOnlyList<ExchangeView> Exchanges, IReadOnlyList<StatementView> Statements);

public sealed record DashboardCounts(int Documents, int Statements, int Codings, int ManualCodings, int Users);

public sealed record ReviewItem(long StatementId, long DocumentId, string DocumentTitle, string Text, CodingView Coding, double Confidence);

/// <summary>Reads for the documents list, detail, dashboard and review queue (API and pages alike).</summary>
public sealed class DocumentQueries(DiplotrackDbContext db)
{
    public async Task<PageOf<DocumentSummary>> ListAsync(DocumentFilter f, CancellationToken ct)
    {
        var query = db.Documents.AsNoTracking();
        if (f.From is { } from) query = query.Where(d => d.Date >= from);
        if (f.To is { } to) query = query.Where(d => d.Date <= to);
        if (!string.IsNullOrWhiteSpace(f.Kind)) query = query.Where(d => d.Kind == f.Kind.Trim());
        if (!string.IsNullOrWhiteSpace(f.Speaker))
        {
            var speaker = Like(f.Speaker);
            query = query.Where(d => d.Statements.Any(s => s.Speaker != null && EF.Functions.ILike(s.Speaker.Name, speaker, "\\")));
        }
        if (!string.IsNullOrWhiteSpace(f.Actor))
        {
            var actor = f.Actor.Trim();
            query = query.Where(d => db.StatementCodings.Any(c => c.IsCurrent && c.Statement!.DocumentId == d.Id
                                                                  && c.Targets.Any(t => t.ActorId == actor)));
        }
        if (!string.IsNullOrWhiteSpace(f.Theme))
        {
            var theme = f.Theme.Trim();
            query = query.Where(d => db.StatementCodings.Any(c => c.IsCurrent && c.Statement!.DocumentId == d.Id && c.Themes.Contains(theme)));
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = Like(f.Q);
            query = query.Where(d => EF.Functions.ILike(d.Title, q, "\\") || EF.Functions.ILike(d.NormalisedText, q, "\\"));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id)
            .Skip((f.PageNumber - 1) * f.Size).Take(f.Size)
            .Select(d => new DocumentSummary(d.Id, d.Title, d.Date, d.Kind, d.Place, d.Language, d.Source,
                d.Statements.Count,
                db.StatementCodings.Count(c => c.IsCurrent && c.Origin == StatementCoding.Manual && c.Statement!.DocumentId == d.Id),
                d.IngestedAt))
            .ToListAsync(ct);
        return new PageOf<DocumentSummary>(items, f.PageNumber, f.Size, total);
    }

    /// <summary>The documents stored most recently (whatever their date), for the dashboard.</summary>
    public async Task<PageOf<DocumentSummary>> LatestIngestedAsync(int take, CancellationToken ct)
    {
        var items = await db.Documents.AsNoTracking().OrderByDescending(d => d.IngestedAt).ThenByDescending(d => d.Id).Take(take)
            .Select(d => new DocumentSummary(d.Id, d.Title, d.Date, d.Kind, d.Place, d.Language, d.Source, d.Statements.Count,
                db.StatementCodings.Count(c => c.IsCurrent && c.Origin == StatementCoding.Manual && c.Statement!.DocumentId == d.Id),
                d.IngestedAt))
            .ToListAsync(ct);
        return new PageOf<DocumentSummary>(items, 1, take, items.Count);
    }

    public async Task<DocumentDetail?> GetAsync(long id, CancellationToken ct)
    {
        var d = await db.Documents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return null;
        var exchanges = await db.Exchanges.AsNoTracking().Where(e => e.DocumentId == id).OrderBy(e => e.Ordinal)
            .Select(e => new ExchangeView(e.Id, e.Ordinal, e.Section, e.Outlet!.Name, e.Answerer!.Name, e.SpanStart, e.SpanEnd))
            .ToListAsync(ct);
        var statements = await db.Statements.AsNoTracking().Where(s => s.DocumentId == id).OrderBy(s => s.Ordinal)
            .Select(s => new { s.Id, s.Ordinal, s.Kind, Speaker = s.Speaker!.Name, Exchange = (int?)s.Exchange!.Ordinal, s.Section, s.SpanStart, s.SpanEnd, s.Text })
            .ToListAsync(ct);
        var codings = await db.StatementCodings.AsNoTracking().Include(c => c.Targets)
            .Where(c => c.IsCurrent && c.Statement!.DocumentId == id).ToListAsync(ct);
        var names = await ActorNames.LoadAsync(db, codings, ct);
        var byStatement = codings.ToDictionary(c => c.StatementId, c => CodingView.From(c, names));
        return new DocumentDetail(d.Id, d.Title, d.Date, d.Kind, d.Place, d.Occasion, d.Language, d.Source, d.Format, d.Sha256.Trim(),
            d.IngestedAt, d.IngestedBy, d.RowVersion, d.NormalisedText, exchanges,
            statements.Select(s => new StatementView(s.Id, s.Ordinal, s.Kind, s.Speaker, s.Exchange, s.Section, s.SpanStart, s.SpanEnd,
                s.Text, byStatement.GetValueOrDefault(s.Id))).ToList());
    }

    public async Task<DashboardCounts> CountsAsync(CancellationToken ct) => new(
        await db.Documents.CountAsync(ct),
        await db.Statements.CountAsync(ct),
        await db.StatementCodings.CountAsync(c => c.IsCurrent, ct),
        await db.StatementCodings.CountAsync(c => c.IsCurrent && c.Origin == StatementCoding.Manual, ct),
        await db.Users.CountAsync(ct));

    /// <summary>Current automatic codings, least confident first: where a person's look is worth most.</summary>
    public async Task<IReadOnlyList<ReviewItem>> ReviewQueueAsync(int take, CancellationToken ct)
    {
        var rows = await db.StatementCodings.AsNoTracking().Include(c => c.Targets)
            .Where(c => c.IsCurrent && c.Origin == StatementCoding.Auto)
            .Select(c => new { Coding = c, Confidence = c.Targets.Min(t => (double?)t.Confidence) ?? 1.0, c.Statement!.DocumentId, Title = c.Statement.Document!.Title, c.Statement.Text })
            .OrderBy(x => x.Confidence).ThenBy(x => x.Coding.StatementId)
            .Take(take).ToListAsync(ct);
        var names = await ActorNames.LoadAsync(db, rows.Select(r => r.Coding), ct);
        return rows.Select(r => new ReviewItem(r.Coding.StatementId, r.DocumentId, r.Title, r.Text, CodingView.From(r.Coding, names), r.Confidence)).ToList();
    }

    /// <summary>A user's words as a literal ILIKE pattern: <c>%</c> and <c>_</c> they type are not wildcards.</summary>
    private static string Like(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
