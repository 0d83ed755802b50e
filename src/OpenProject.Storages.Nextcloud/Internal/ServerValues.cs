using System.Globalization;
using System.Net.Http.Headers;

namespace OpenProject.Storages.Nextcloud.Internal;

/// <summary>
/// The one place where numbers and dates read from a Nextcloud answer are range-checked before they
/// become a <see cref="DateTimeOffset"/>, a <see cref="TimeSpan"/> or an <see cref="int"/>. BCL
/// conversions (<see cref="DateTimeOffset.FromUnixTimeSeconds"/>, <see cref="TimeSpan.FromSeconds(long)"/>,
/// <see cref="int.Parse(string)"/>) throw <see cref="ArgumentOutOfRangeException"/> or
/// <see cref="OverflowException"/> on a value a hostile or broken server can send, and those must never
/// leave the SDK: here an odd value is either "none" or an <see cref="InvalidDataException"/> naming
/// the field, which callers map to <see cref="StorageErrorCode.InvalidResponse"/> for that entry only.
/// </summary>
internal static class ServerValues
{
    /// <summary>9999-12-31T23:59:59Z: the last second a <see cref="DateTimeOffset"/> can hold.</summary>
    public const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>
    /// A unix time in seconds as Nextcloud sends <c>mtime</c>, <c>ctime</c> and <c>nc:creation_time</c>:
    /// absent, zero or negative means "not known" (Nextcloud sends 0 when a storage does not track it).
    /// </summary>
    /// <exception cref="InvalidDataException">The value is after the year 9999.</exception>
    public static DateTimeOffset? UnixSecondsOrNone(long? seconds, string field) => seconds switch
    {
        null or <= 0 => null,
        > MaxUnixSeconds => throw new InvalidDataException($"The server's {field} ({seconds}) is not a date."),
        _ => DateTimeOffset.FromUnixTimeSeconds(seconds.Value),
    };

    /// <summary>A byte size: negative means "not known" (Nextcloud's -1 for a folder it has not sized).</summary>
    public static long? SizeOrNone(long? size) => size is >= 0 ? size : null;

    /// <summary>A non-negative decimal integer that fits an <see cref="int"/> (a version part, an ACL mask), else <see langword="null"/>.</summary>
    public static int? BoundedInt(ReadOnlySpan<char> text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// How long the server asked to wait (<c>Retry-After</c>: delta-seconds or an HTTP date), measured from
    /// <paramref name="now"/>; <see langword="null"/> when there is no usable header. A date in the past is
    /// zero; a delay beyond <see cref="TimeSpan.MaxValue"/> is <see cref="TimeSpan.MaxValue"/>, so a caller can
    /// compare it with its own bound without overflowing.
    /// </summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            // Both are valid DateTimeOffsets, so the difference fits a TimeSpan (at most ~10,000 years).
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
