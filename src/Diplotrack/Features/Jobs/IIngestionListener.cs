namespace Diplotrack.Features.Jobs;

public enum IngestionChange { Created, NewVersion }

/// <summary>A document the ingestion jobs stored or changed.</summary>
public sealed record IngestedDocument(long DocumentId, IngestionChange Change, int Version);

/// <summary>
/// Called by the ingestion jobs (inbox, CLI <c>ingest --dir</c>, source polling, re-fetch) for each document they
/// create or change: the hook for follow-up work that belongs to the ingestion jobs rather than to every stored
/// document (the stance recompute is queued by <c>DocumentStore</c> itself, for every path that stores a document).
/// Register any number with <c>services.AddScoped&lt;IIngestionListener, T&gt;()</c>.
/// <para>
/// It runs inside the document's transaction, just before commit: if a listener throws, the document is not
/// stored and the job fails (and is retried), so a document is never kept without its follow-up scheduled.
/// A listener must therefore be quick (enqueue, don't compute) and must tolerate the enqueued work finding the
/// document missing in the rare case the commit itself then fails.
/// </para>
/// </summary>
public interface IIngestionListener
{
    Task OnIngestedAsync(IngestedDocument document, CancellationToken ct);
}

/// <summary>Calls every registered listener in registration order.</summary>
public sealed class IngestionListeners(IEnumerable<IIngestionListener> listeners)
{
    private readonly IIngestionListener[] _listeners = listeners.ToArray();

    public async Task NotifyAsync(IngestedDocument document, CancellationToken ct)
    {
        foreach (var listener in _listeners) await listener.OnIngestedAsync(document, ct);
    }
}
