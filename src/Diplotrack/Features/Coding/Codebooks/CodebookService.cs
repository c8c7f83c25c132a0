using System.Collections.Concurrent;
using Diplotrack.Data;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Learning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Book = Diplotrack.Text.Codebook.Codebook;
using DataActor = Diplotrack.Data.Reference.Actor;
using DataOutlet = Diplotrack.Data.Reference.Outlet;
using DataTheme = Diplotrack.Data.Reference.Theme;

namespace Diplotrack.Features.Coding.Codebooks;

public sealed record CodebookLoadResult(int Version, bool Created);

/// <summary>
/// Codebook versions in the database, numbered and in full; the newest is current. A codebook loaded from files
/// is stored once per distinct content; an admin edit is always a new version, even when it brings back an older
/// content. The relational tables (actors, themes, outlets) mirror the current version for keys and reports.
/// </summary>
public sealed class CodebookService(DiplotrackDbContext db, CoderCache coders, TimeProvider clock)
{
    /// <summary>
    /// Stores <paramref name="codebook"/> as a new version unless the same content is already stored.
    /// The number is the one the files declare when it is free, else the next one.
    /// </summary>
    public Task<CodebookLoadResult> StoreAsync(Book codebook, string? user, string? description, CancellationToken ct) =>
        StoreAsync(codebook, user, description, basedOn: null, ct);

    /// <summary>
    /// As above; with <paramref name="basedOn"/> (an edit of that version) the store is refused with
    /// <see cref="CodebookChangedException"/> unless that version is still the newest, so a concurrent edit is never lost.
    /// Anything else the caller added to the context (an audit entry) is saved in the same transaction.
    /// </summary>
    /// <remarks>
    /// An edit whose result equals an older version (a change undone) becomes a new version with that content rather
    /// than making the old number current again: "the newest is current" and "codings of the current version are up to
    /// date" stay true, the re-code has a version to code with, and the audit trail reads in order. A load from files
    /// (no <paramref name="basedOn"/>) is skipped when its content was ever stored, so a restart's seed never undoes an edit.
    /// </remarks>
    public async Task<CodebookLoadResult> StoreAsync(Book codebook, string? user, string? description, int? basedOn, CancellationToken ct)
    {
        var hash = ContentHash(codebook);
        if (basedOn is null)
        {
            var existing = await db.CodebookVersions.Where(v => v.ContentSha256 == hash).OrderByDescending(v => v.Id).Select(v => (int?)v.Id).FirstOrDefaultAsync(ct);
            if (existing is not null) return new CodebookLoadResult(existing.Value, false);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var max = await db.CodebookVersions.MaxAsync(v => (int?)v.Id, ct) ?? 0;
        // Two edits of the same version both read the same max here; the second one's insert of max + 1 then fails on the key.
        if (basedOn is not null && max != basedOn) throw new CodebookChangedException(basedOn.Value, max);
        var number = codebook.Version > max ? codebook.Version : max + 1;
        var numbered = codebook with { Version = number };
        db.CodebookVersions.Add(new Data.Reference.CodebookVersion
        {
            Id = number,
            ContentSha256 = hash,
            Content = numbered.ToJson(),
            Description = description,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = user,
        });
        await MirrorAsync(numbered, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CodebookLoadResult(number, true);
    }

    /// <summary>The number of the current (newest) codebook version, or a clear error when none was loaded.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken ct) =>
        await db.CodebookVersions.MaxAsync(v => (int?)v.Id, ct)
        ?? throw new InvalidOperationException("No codebook is loaded: run `diplotrack seed` first.");

    public async Task<Book> VersionAsync(int version, CancellationToken ct)
    {
        var content = await db.CodebookVersions.Where(v => v.Id == version).Select(v => v.Content).SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Codebook version {version} does not exist.");
        return Book.FromJson(content) with { Version = version };
    }

    public async Task<CombinedCoder> CurrentCoderAsync(CancellationToken ct)
    {
        var version = await CurrentVersionAsync(ct);
        return await coders.GetAsync(version, () => VersionAsync(version, ct));
    }

    /// <summary>The hash of what a codebook says, regardless of the number it carries.</summary>
    public static string ContentHash(Book codebook) => (codebook with { Version = 0 }).ContentSha256();

    private async Task MirrorAsync(Book codebook, CancellationToken ct)
    {
        // Actors and themes are never deleted: codings of older versions keep pointing at them.
        var actors = await db.Actors.ToDictionaryAsync(a => a.Id, ct);
        var aliases = codebook.Aliases.ToLookup(a => a.ActorId, a => a.Alias);
        foreach (var a in codebook.Actors)
        {
            if (!actors.TryGetValue(a.Id, out var row))
                db.Actors.Add(row = new DataActor { Id = a.Id, Kind = a.Kind, NameEn = a.NameEn, NameZh = a.NameZh });
            row.Kind = a.Kind;
            row.NameEn = a.NameEn;
            row.NameZh = a.NameZh;
            row.Aliases = aliases[a.Id].Distinct().ToList();
        }
        var themes = await db.Themes.ToDictionaryAsync(t => t.Id, ct);
        foreach (var t in codebook.Themes)
        {
            if (!themes.TryGetValue(t.Id, out var row)) db.Themes.Add(row = new DataTheme { Id = t.Id, NameEn = t.NameEn });
            row.NameEn = t.NameEn;
            row.NameZh = t.NameZh;
        }
        var outlets = await db.Outlets.ToDictionaryAsync(o => o.Name, ct);
        foreach (var o in codebook.Outlets.DistinctBy(o => o.Name))
        {
            if (!outlets.TryGetValue(o.Name, out var row)) db.Outlets.Add(row = new DataOutlet { Name = o.Name });
            row.ActorId = o.Country;
        }
    }
}

/// <summary>An edit was made on a codebook version that is no longer the newest.</summary>
public sealed class CodebookChangedException(int basedOn, int current)
    : Exception($"The codebook changed while you edited it (you edited v{basedOn}, the current one is v{current}). Reload it and make your change again.");

/// <summary>
/// Builds each codebook version's coder once per process (building the automata is the costly part) and is the one
/// place the product gets its coder: the learned model (ADR 0030) is loaded here once, from <c>Coding:ModelPath</c>,
/// so the code verb, ingestion, bulk and re-code all code the same way. No model file → the rules alone, logged once.
/// </summary>
public sealed class CoderCache(IOptions<CodingOptions> coding, IOptions<SeedOptions> seed, ILogger<CoderCache> log)
{
    private readonly ConcurrentDictionary<int, Task<CombinedCoder>> _coders = new();
    private readonly Lazy<LearnedModel?> _model = new(() => LoadModel(coding.Value.ResolveModelPath(seed.Value), log));

    public Task<CombinedCoder> GetAsync(int version, Func<Task<Book>> load) =>
        _coders.GetOrAdd(version, async _ => Create(await load(), _model.Value));

    /// <summary>The coder for a codebook not stored in the database (the code verb), with the model at <paramref name="modelPath"/> if present.</summary>
    public static CombinedCoder ForFiles(Book codebook, string? modelPath, ILogger log) =>
        Create(codebook, LoadModel(modelPath, log));

    private static CombinedCoder Create(Book codebook, LearnedModel? model) =>
        new(new StatementCoder(codebook), model is null ? null : new LearnedCoder(model, codebook));

    private static LearnedModel? LoadModel(string? path, ILogger log)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            log.LogInformation("No learned model at {Path}: coding with the rules alone (train one with `diplotrack train`).", path ?? "(no seed folder)");
            return null;
        }
        var model = LearnedModel.Load(path);
        log.LogInformation("Coding with the rules and learned model {Version} from {Path}.", model.Version, path);
        return model;
    }
}
