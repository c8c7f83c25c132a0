using Diplotrack.Data;
using Diplotrack.Text.Documents;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Coding;

/// <summary>Rebuilds the pipeline's view of a stored document, so it can be coded again without its source file.</summary>
public static class StoredDocuments
{
    public static async Task<ParsedDocument> LoadParsedAsync(DiplotrackDbContext db, long documentId, CancellationToken ct)
    {
        var d = await db.Documents.AsNoTracking().SingleAsync(x => x.Id == documentId, ct);
        var exchanges = await db.Exchanges.AsNoTracking().Where(e => e.DocumentId == documentId)
            .OrderBy(e => e.Ordinal)
            .Select(e => new { e.Id, e.Ordinal, e.Section, Outlet = e.Outlet!.Name, e.Answerer, e.SpanStart, e.SpanEnd })
            .ToListAsync(ct);
        var ordinalOf = exchanges.ToDictionary(e => e.Id, e => e.Ordinal);
        var statements = await db.Statements.AsNoTracking().Where(s => s.DocumentId == documentId)
            .OrderBy(s => s.Ordinal)
            .Select(s => new
            {
                s.Id, s.Ordinal, s.Kind, s.ExchangeId, s.Speaker, s.SpanStart, s.SpanEnd, s.Text, s.Section,
                Repeats = s.HighlightSources.Select(h => h.SourceStatement!.Ordinal).ToList(),
            })
            .ToListAsync(ct);

        return new ParsedDocument
        {
            Metadata = new DocumentMetadata
            {
                Title = d.Title, Date = d.Date, Kind = d.Kind, Place = d.Place, Occasion = d.Occasion,
                Language = d.Language, Source = d.Source,
            },
            NormalisedText = d.NormalisedText,
            Sha256 = d.Sha256,
            Format = d.Format,
            Exchanges = exchanges.Select(e => new ParsedExchange
            {
                Index = e.Ordinal, Section = e.Section, Outlet = e.Outlet,
                Answerer = e.Answerer is null ? null : new SpeakerRef(e.Answerer.Name, e.Answerer.Role, e.Answerer.ActorId),
                Start = e.SpanStart, End = e.SpanEnd,
            }).ToList(),
            Statements = statements.Select(s => new ParsedStatement
            {
                Index = s.Ordinal,
                Kind = StatementKinds.Parse(s.Kind),
                Exchange = s.ExchangeId is { } id ? ordinalOf[id] : null,
                Speaker = s.Speaker is null ? null : new SpeakerRef(s.Speaker.Name, s.Speaker.Role, s.Speaker.ActorId),
                Start = s.SpanStart, End = s.SpanEnd, Text = s.Text, Section = s.Section,
                Repeats = s.Repeats.Order().ToList(),
            }).ToList(),
        };
    }
}
