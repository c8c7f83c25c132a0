
namespace Diplotrack.Verbs;

/// <summary>
/// Progress of a long verb (ingest --dir, --bulk, recode, recompute). On a terminal (stderr not redirected) one line on
/// stderr is rewritten in place with the counts, the rate and an estimate of the time left. When stderr goes to a file
/// or pipe (a log, CI) that would be a mess of carriage returns, so plain log lines go to stdout, beside the verb's
/// summary lines, at every tenth of the work or every 10 seconds: stderr then holds only the per-file errors, one a
/// line, which is what `2>failed.txt` and the tests rely on.
/// </summary>
public sealed class CliProgress : IProgress<long>, IDisposable
{
    private static readonly TimeSpan TerminalEvery = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);

    private readonly string what;
    private long total;
    private readonly TextWriter output;
    private readonly bool terminal;
    private readonly TimeProvider clock;
    private readonly long started;
    private readonly Lock gate = new();
    private TimeSpan? lastWritten;
    private long lastTenth = -1;
    private long done;
    private int lineLength;

    /// <param name="what">What is counted, e.g. "files" or "statements".</param>
    /// <param name="total">How many there are in all; 0 when unknown (then no percentage or time left).</param>
    public CliProgress(string what, long total, TextWriter? output = null, bool? terminal = null, TimeProvider? clock = null)
    {
        this.what = what;
        this.total = total;
        this.terminal = terminal ?? !Console.IsErrorRedirected;
        this.output = output ?? (this.terminal ? Console.Error : Console.Out);
        this.clock = clock ?? TimeProvider.System;
        started = this.clock.GetTimestamp();
    }

    /// <summary>How many there are in all, when it becomes known after the start; 0 when unknown.</summary>
    public long Total
    {
        get { lock (gate) return total; }
        set { lock (gate) total = value; }
    }

    public void Report(long value)
    {
        lock (gate)
        {
            done = value;
            var elapsed = clock.GetElapsedTime(started);
            var tenth = total > 0 ? done * 10 / total : -1;
            // Null before the first line (TimeSpan.MinValue would overflow the subtraction).
            var due = lastWritten is not { } last || (terminal
                ? elapsed - last >= TerminalEvery
                : elapsed - last >= LogEvery || tenth > lastTenth);
            if (!due && done != total) return;
            lastWritten = elapsed;
            lastTenth = tenth;
            Write(Line(elapsed));
        }
    }

    /// <summary>Counts and, once anything is done, the rate and the time left at that rate.</summary>
    public string Line(TimeSpan elapsed)
    {
        var text = total > 0 ? $"{what}: {done:N0}/{total:N0} ({100.0 * done / total:F0}%)" : $"{what}: {done:N0}";
        if (done > 0 && elapsed > TimeSpan.Zero)
        {
            var rate = done / elapsed.TotalSeconds;
            text += $", {rate:N0}/s";
            if (total > 0) text += done >= total ? $", done in {Format(elapsed)}" : $", about {Format(TimeSpan.FromSeconds((total - done) / rate))} left";
        }
        return text;
    }

    private void Write(string line)
    {
        if (!terminal)
        {
            output.WriteLine(line);
            return;
        }
        // Pad over the previous, possibly longer, line instead of relying on an ANSI erase.
        output.Write("\r" + line.PadRight(lineLength));
        lineLength = line.Length;
        output.Flush();
    }

    private static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours} h {t.Minutes:00} min" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds:00} s" : $"{Math.Max(1, (int)Math.Ceiling(t.TotalSeconds))} s";

    public void Dispose()
    {
        lock (gate)
            if (terminal && lineLength > 0) output.WriteLine();
    }
}
