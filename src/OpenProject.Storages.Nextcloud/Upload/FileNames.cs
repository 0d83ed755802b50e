using System.Globalization;

namespace OpenProject.Storages.Nextcloud.Upload;

/// <summary>
/// Numbered names for "keep both", the way Nextcloud numbers them (<c>Folder::getNonExistingName</c>):
/// <c>report.pdf</c> → <c>report (2).pdf</c>; <c>report (2).pdf</c> → <c>report (3).pdf</c>.
/// </summary>
internal static class FileNames
{
    public static string Numbered(string name, int number)
    {
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 ? name[..dot] : name;
        var extension = dot > 0 ? name[dot..] : string.Empty;
        stem = WithoutNumber(stem);
        return string.Create(CultureInfo.InvariantCulture, $"{stem} ({number}){extension}");
    }

    /// <summary>The name itself if free, else the first free numbered name.</summary>
    public static string FirstFree(string name, IReadOnlySet<string> taken)
    {
        if (!taken.Contains(name))
        {
            return name;
        }

        var number = StartNumber(name);
        while (true)
        {
            var candidate = Numbered(name, number++);
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The number after the one a name already carries (<c>a (2).txt</c> → 3), else 2.</summary>
    public static int StartNumber(string name)
    {
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
