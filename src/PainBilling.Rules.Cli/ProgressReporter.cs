using System.Diagnostics;
using System.Globalization;

namespace PainBilling.Rules.Cli;

/// <summary>
/// Progress on a terminal's stderr (one line rewritten in place, at most 4 times a second): claims done, claims per
/// second and, when the input's size is known, the time left. Never written when stderr is redirected.
/// </summary>
internal sealed class ProgressReporter(TextWriter stderr, long total)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private long _done;
    private TimeSpan _last = TimeSpan.MinValue;
    private bool _written;

    public void Report(int claims, long position)
    {
        _done += claims;
        var elapsed = _watch.Elapsed;
        if (elapsed - _last < TimeSpan.FromMilliseconds(250))
        {
            return;
        }

        _last = elapsed;
        var rate = _done / Math.Max(elapsed.TotalSeconds, 1e-3);
        var text = string.Create(CultureInfo.InvariantCulture, $"{_done:N0} claims, {rate:N0} claims/s");
        if (total > 0 && position > 0 && position <= total)
        {
            var left = TimeSpan.FromSeconds(elapsed.TotalSeconds * (total - position) / position);
            text += string.Create(CultureInfo.InvariantCulture, $", {left:hh\\:mm\\:ss} left ({100.0 * position / total:0}%)");
        }

        stderr.Write("\r" + text.PadRight(60));
        stderr.Flush();
        _written = true;
    }

    public void Finish()
    {
        if (_written)
        {
            var elapsed = _watch.Elapsed;
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\r{_done:N0} claims in {elapsed.TotalSeconds:0.0} s ({_done / Math.Max(elapsed.TotalSeconds, 1e-3):N0} claims/s)").PadRight(61));
        }
    }
}
