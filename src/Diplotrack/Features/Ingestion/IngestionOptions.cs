namespace Diplotrack.Features.Ingestion;

/// <summary>The inbox folder (section <c>Inbox</c>).</summary>
public sealed class InboxOptions
{
    public const string Section = "Inbox";

    /// <summary>Absolute, or relative to the content root. Holds <c>processing/</c>, <c>processed/</c> and <c>failed/</c>.</summary>
    public string Path { get; set; } = ".data/inbox";
    /// <summary>
    /// A file left in <c>processing/</c> by a run that started longer ago than this (a worker that died) is put back.
    /// Longer than any run takes, so a live run's claims are never taken from it.
    /// </summary>
    public int StaleClaimMinutes { get; set; } = 30;
}

/// <summary>Source polling and re-fetching (section <c>Sources</c>).</summary>
public sealed class SourcesOptions
{
    public const string Section = "Sources";

    public int TimeoutSeconds { get; set; } = 30;
    /// <summary>Pause between two requests of a poll, to be gentle with the site (0 for a local copy).</summary>
    public int RequestDelayMilliseconds { get; set; } = 500;
    public string UserAgent { get; set; } = "Diplotrack/1.0 (research crawler)";
    /// <summary>Pages larger than this are refused rather than read into memory.</summary>
    public long MaxPageBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>Listing pages followed per source and poll (guards against a pagination loop).</summary>
    public int MaxListingPages { get; set; } = 500;
    /// <summary>Transcript pages fetched per source and poll; the rest wait for the next poll.</summary>
    public int MaxPagesPerPoll { get; set; } = 2000;
    /// <summary>Once a source has been walked to its last listing page, a poll stops after this many pages with no new link.</summary>
    public int StopAfterKnownListingPages { get; set; } = 2;
    /// <summary>Failed pages are retried after 15 min × 2^(retries-1), up to this many times.</summary>
    public int MaxRetries { get; set; } = 6;
    public int RetryBaseMinutes { get; set; } = 15;
    /// <summary>A stored transcript page is fetched again when its last fetch is older than this.</summary>
    public int RefetchAfterHours { get; set; } = 24 * 7;
    /// <summary>Pages re-fetched per run, oldest first.</summary>
    public int MaxRefetchPerRun { get; set; } = 500;
    /// <summary>Sources to create at start when missing (name, listing URL, link pattern, format); the CLI manages the rest.</summary>
    public List<SourceDefinition> Seed { get; set; } = [];
}

public sealed class SourceDefinition
{
    public string Name { get; set; } = "";
    public string ListingUrl { get; set; } = "";
    public string LinkPattern { get; set; } = "";
    public string Format { get; set; } = "";
    public bool Enabled { get; set; } = true;
}
