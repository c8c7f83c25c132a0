namespace Diplotrack.Text.Documents;

/// <summary>
/// Input that cannot become a document (empty, binary, wrong encoding, no speakers, no date, too large).
/// The message is one line meant for the user; callers prefix it with the file name.
/// </summary>
public sealed class DocumentRejectedException(string reason) : Exception(reason)
{
    public string Reason { get; } = reason;
}
