using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Diplotrack.Data;
using Diplotrack.Data.Auditing;
using Diplotrack.Features.Api;
using Diplotrack.Features.Coding;
using Diplotrack.Features.Coding.Recoding;
using Diplotrack.Features.Database;
using Diplotrack.Text.Codebook;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Book = Diplotrack.Text.Codebook.Codebook;

namespace Diplotrack.Features.Coding.Codebooks;

/// <param name="SameContentAs">The older version whose content this one repeats (the edit undid a change), if any.</param>
public sealed record CodebookEdited(int Version, int PreviousVersion, string RecodeJobId, int? SameContentAs = null);

/// <summary>
/// Admin edits of the codebook. Each one builds the current codebook with the change, stores it as a new version
/// (<see cref="CodebookService.StoreAsync"/>), audits it and queues re-coding: versions are never edited in place,
/// so every coding still says which codebook produced it.
/// </summary>
public sealed class CodebookEditor(CodebookService codebooks, DiplotrackDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Task<Outcome<CodebookEdited>> SaveActorAsync(SaveActorRequest r, string? user, CancellationToken ct) =>
        ApplyAsync(r, user, "codebook.actor.save", book =>
        {
            var old = book.Actors.FirstOrDefault(a => a.Id == r.Id);
            var oldAliases = book.Aliases.Where(a => a.ActorId == r.Id).ToList();
            var actor = new Actor(r.Id!, r.Kind!, r.NameEn!.Trim(), r.NameZh!.Trim());
            // Aliases that stay keep their kind (person, dyad, ...); new ones are plain names.
            var aliases = (r.Aliases ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct()
                .Select(a => oldAliases.FirstOrDefault(o => o.Alias == a) ?? new ActorAlias(r.Id!, a, "name")).ToList();
            if (old == actor && oldAliases.Select(a => a.Alias).ToHashSet().SetEquals(aliases.Select(a => a.Alias)))
                return Change.Invalid("id", "Nothing changed: the actor already has these names and aliases.");
            if (NamedElsewhere(book, r.Id!, aliases.Select(a => a.Alias).Except(oldAliases.Select(a => a.Alias))) is { } aliasClash)
                return Change.Invalid("aliases", $"Each alias names one actor; already taken: {aliasClash}. Remove it here, or from the other actor first.");
            if (actor.NameZh != old?.NameZh && actor.Kind != "unnamed" && NamedElsewhere(book, r.Id!, [actor.NameZh]) is { } nameClash)
                return Change.Invalid("nameZh", $"The Chinese name is matched as an alias, and each alias names one actor; already taken: {nameClash}.");
            var actors = old is null ? [.. book.Actors, actor] : book.Actors.Select(a => a.Id == r.Id ? actor : a).ToList();
            var next = book with
            {
                Actors = actors,
                // The actor's aliases move to the end: order does not matter to the coder, and it keeps the rest stable.
                Aliases = [.. book.Aliases.Where(a => a.ActorId != r.Id), .. aliases],
            };
            return new Change(next, r.Id!, new { actor = old, aliases = oldAliases.Select(a => a.Alias) }, new { actor, aliases = aliases.Select(a => a.Alias) });
        }, ct);

    public Task<Outcome<CodebookEdited>> AddThemeCueAsync(AddThemeCueRequest r, string? user, CancellationToken ct) =>
        ApplyAsync(r, user, "codebook.theme-cue.add", book =>
        {
            if (book.ThemeCues.Any(c => c.Theme == r.Theme && c.Cue == r.Cue))
                return Change.Invalid("cue", $"'{r.Cue}' is already a cue of theme {r.Theme}.");
            var cue = new ThemeCue(r.Theme!, r.Cue!, r.Weight!.Value);
            return new Change(book with { ThemeCues = [.. book.ThemeCues, cue] }, $"{r.Theme}:{r.Cue}", null, cue);
        }, ct);

    public Task<Outcome<CodebookEdited>> RemoveThemeCueAsync(RemoveThemeCueRequest r, string? user, CancellationToken ct) =>
        ApplyAsync(r, user, "codebook.theme-cue.remove", book =>
        {
            var cue = book.ThemeCues.FirstOrDefault(c => c.Theme == r.Theme && c.Cue == r.Cue);
            if (cue is null) return Change.Invalid("cue", $"'{r.Cue}' is not a cue of theme {r.Theme}.");
            return new Change(book with { ThemeCues = book.ThemeCues.Where(c => c != cue).ToList() }, $"{r.Theme}:{r.Cue}", cue, null);
        }, ct);

    public Task<Outcome<CodebookEdited>> AddStanceCueAsync(AddStanceCueRequest r, string? user, CancellationToken ct) =>
        ApplyAsync(r, user, "codebook.stance-cue.add", book =>
        {
            if (book.StanceCues.Any(c => c.Cue == r.Cue))
                return Change.Invalid("cue", $"'{r.Cue}' is already a stance cue.");
            var cue = new StanceCue(r.Cue!, r.Weight!.Value, r.Kind!);
            return new Change(book with { StanceCues = [.. book.StanceCues, cue] }, r.Cue!, null, cue);
        }, ct);

    public Task<Outcome<CodebookEdited>> RemoveStanceCueAsync(RemoveStanceCueRequest r, string? user, CancellationToken ct) =>
        ApplyAsync(r, user, "codebook.stance-cue.remove", book =>
        {
            var cue = book.StanceCues.FirstOrDefault(c => c.Cue == r.Cue);
            if (cue is null) return Change.Invalid("cue", $"'{r.Cue}' is not a stance cue.");
            return new Change(book with { StanceCues = book.StanceCues.Where(c => c != cue).ToList() }, r.Cue!, cue, null);
        }, ct);

    /// <summary>
    /// Which of <paramref name="terms"/> another actor already answers to (an alias, or its Chinese name, which the
    /// coder matches as one), e.g. "日本 (JP Japan)"; null when none. The coder would otherwise find one text naming
    /// two actors and pick one silently. Only new terms are checked: the seed's deliberate shared aliases (a dyad
    /// such as 中美 listed for both parties, an ambiguous short form with its alternatives) stay editable.
    /// </summary>
    private static string? NamedElsewhere(Book book, string actorId, IEnumerable<string> terms)
    {
        var names = book.Actors.ToDictionary(a => a.Id);
        var owners = book.Aliases.Where(a => a.ActorId != actorId).Select(a => (a.Alias, a.ActorId))
            .Concat(book.Actors.Where(a => a.Id != actorId && a.Kind != "unnamed").Select(a => (Alias: a.NameZh, ActorId: a.Id)))
            .ToLookup(x => x.Alias, x => x.ActorId);
        var clashes = terms.Where(t => owners.Contains(t))
            .Select(t => $"{t} ({string.Join(", ", owners[t].Distinct().Select(id => names.TryGetValue(id, out var a) ? $"{id} {a.NameEn}" : id))})")
            .ToList();
        return clashes.Count == 0 ? null : string.Join("; ", clashes);
    }

    private sealed record Change(Book? Next, string Key, object? Before, object? After, string? Field = null, string? Error = null)
    {
        public static Change Invalid(string field, string message) => new(null, "", null, null, field, message);
    }

    private async Task<Outcome<CodebookEdited>> ApplyAsync(ICodebookEdit edit, string? user, string action, Func<Book, Change> apply, CancellationToken ct)
    {
        var current = await codebooks.CurrentVersionAsync(ct);
        if (edit.BaseVersion != current)
            return Outcome<CodebookEdited>.Conflict(
                $"The codebook changed while you edited it (you edited v{edit.BaseVersion}, the current one is v{current}). Reload it and make your change again.");
        var change = apply(await codebooks.VersionAsync(current, ct));
        if (change.Next is null) return Outcome<CodebookEdited>.Invalid(change.Field!, change.Error!);

        // Content seen before (a change undone) is stored again as the newest version (see StoreAsync); the answer
        // says which older version it repeats.
        var hash = CodebookService.ContentHash(change.Next);
        var same = await db.CodebookVersions.Where(v => v.ContentSha256 == hash).OrderByDescending(v => v.Id).Select(v => (int?)v.Id).FirstOrDefaultAsync(ct);

        var number = current + 1;
        // Added before the store: StoreAsync saves it in its transaction, so a version never exists without its audit entry.
        db.AuditLog.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), UserName = user, Action = action, EntityType = "codebook",
            EntityId = number.ToString(CultureInfo.InvariantCulture),
            Before = change.Before is null ? null : JsonSerializer.Serialize(new { version = current, item = change.Before }, Json),
            After = change.After is null ? null : JsonSerializer.Serialize(new { version = number, item = change.After }, Json),
            Reason = edit.Description!.Trim(),
        });
        try
        {
            // Version 0: StoreAsync numbers it max + 1, which basedOn guarantees is current + 1.
            // An edit always stores a new version; a concurrent one (even an identical one) fails on basedOn or on the number.
            await codebooks.StoreAsync(change.Next with { Version = 0 }, user, edit.Description!.Trim(), basedOn: current, ct);
        }
        catch (Exception ex) when (ex is CodebookChangedException
                                   || ex is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
        {
            db.ChangeTracker.Clear();
            return Outcome<CodebookEdited>.Conflict(ex is CodebookChangedException ? ex.Message
                : "Another admin saved a codebook version at the same time. Reload it and make your change again.");
        }
        var job = jobs.Enqueue<RecodeBackgroundJob>(j => j.RunAsync(CancellationToken.None));
        return Outcome<CodebookEdited>.Ok(new CodebookEdited(number, current, job, same));
    }
}
