using System.Globalization;

namespace OpenProject.Storages;

/// <summary>
/// The names <see cref="NameConflictPolicy.KeepBoth"/> gives, the same for every provider and the way Nextcloud numbers
/// them (<c>Folder::getNonExistingName</c>): <c>report.pdf</c> → <c>report (2).pdf</c>; <c>report (2).pdf</c> →
/// <c>report (3).pdf</c>. A provider whose storage numbers differently (Graph's <c>rename</c> gives <c>report 1.pdf</c>)
/// picks the name itself with these.
/// </summary>
public static class KeepBothNames
{
    /// <summary>The name with a number before its extension, replacing a number it already carries.</summary>
    /// <param name="name">The name as given.</param>
    /// <param name="number">The number, 2 or more.</param>
    /// <returns>For example <c>report (2).pdf</c>.</returns>
    public static string Numbered(string name, int number)
    {
        ArgumentNullException.ThrowIfNull(name);
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 ? name[..dot] : name;
        var extension = dot > 0 ? name[dot..] : string.Empty;
        stem = WithoutNumber(stem);
        return string.Create(CultureInfo.InvariantCulture, $"{stem} ({number}){extension}");
    }

    /// <summary>The name itself if free, else the first free numbered name.</summary>
    /// <param name="name">The name as given.</param>
    /// <param name="isTaken">Whether the folder already has an item of a name.</param>
    /// <returns>A name <paramref name="isTaken"/> says is free.</returns>
    public static string FirstFree(string name, Func<string, bool> isTaken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(isTaken);
        if (!isTaken(name))
        {
            return name;
        }

        var number = StartNumber(name);
        while (true)
        {
            var candidate = Numbered(name, number++);
            if (!isTaken(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The number after the one a name already carries (<c>a (2).txt</c> → 3), else 2.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The next number to try.</returns>
    public static int StartNumber(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 ? name[..dot] : name;
        return TryGetNumber(stem, out var number, out _) ? number + 1 : 2;
    }

    private static string WithoutNumber(string stem) => TryGetNumber(stem, out _, out var start) ? stem[..start] : stem;

    private static bool TryGetNumber(string stem, out int number, out int start)
    {
        number = 0;
        start = stem.LastIndexOf(" (", StringComparison.Ordinal);
        if (start < 0 || !stem.EndsWith(')'))
        {
            return false;
        }

        var digits = stem.AsSpan(start + 2, stem.Length - start - 3);
        return digits.Length > 0 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
