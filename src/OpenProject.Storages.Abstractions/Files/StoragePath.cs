using System.Collections.Immutable;
using System.Text;

namespace OpenProject.Storages;

/// <summary>
/// A normalised, absolute path of a file or folder inside a storage, as the user sees it
/// (<c>/Projects/Plan ü.pdf</c>). It owns the rules for segments and per-segment escaping, so
/// nothing else builds URLs by joining strings.
/// </summary>
/// <remarks>
/// Paths compare by their segments, ordinally. Names are kept exactly as given (NFC and NFD forms
/// stay distinct, as they do on the storage).
/// </remarks>
public readonly struct StoragePath : IEquatable<StoragePath>
{
    private readonly ImmutableArray<string> _segments;

    private StoragePath(ImmutableArray<string> segments) => _segments = segments;

    /// <summary>The root folder of the storage (<c>/</c>).</summary>
    public static StoragePath Root { get; } = new(ImmutableArray<string>.Empty);

    /// <summary>The path's segments from the root, unescaped.</summary>
    public IReadOnlyList<string> Segments => _segments.IsDefault ? ImmutableArray<string>.Empty : _segments;

    /// <summary>Whether this is the root folder.</summary>
    public bool IsRoot => Segments.Count == 0;

    /// <summary>The last segment (the file or folder name); empty for the root.</summary>
    public string Name => IsRoot ? string.Empty : _segments[^1];

    /// <summary>The containing folder; the root is its own parent.</summary>
    public StoragePath Parent => IsRoot ? this : new StoragePath(_segments.RemoveAt(_segments.Length - 1));

    /// <summary>Every folder above this path, from the root down to the parent (a breadcrumb).</summary>
    public IReadOnlyList<StoragePath> Ancestors
    {
        get
        {
            var result = new StoragePath[Segments.Count];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = new StoragePath(_segments.RemoveRange(i, _segments.Length - i));
            }

            return result;
        }
    }

    /// <summary>
    /// Parses an unescaped path such as <c>/Folder/Sub folder</c>; repeated and trailing slashes are ignored. Every
    /// path starts at the root of the storage user's files: there is no current folder, so <c>"Folder/a.txt"</c>
    /// is <c>/Folder/a.txt</c>.
    /// </summary>
    /// <param name="path">The path; <c>""</c> and <c>"/"</c> are the root.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentException">A segment is <c>.</c> or <c>..</c>, or contains a control character or a lone surrogate.</exception>
    public static StoragePath Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            ValidateName(segment, nameof(path));
            builder.Add(segment);
        }

        return new StoragePath(builder.ToImmutable());
    }

    /// <summary>
    /// Parses a path whose segments are percent-encoded (as in a WebDAV href). Each segment is decoded
    /// with <see cref="Uri.UnescapeDataString(string)"/>, so <c>+</c> stays a plus sign; an encoded
    /// <c>%2F</c> is refused, since no storage name contains a slash.
    /// </summary>
    /// <param name="escapedPath">The escaped path.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentException">A decoded segment is not a valid name.</exception>
    public static StoragePath ParseEscaped(string escapedPath)
    {
        ArgumentNullException.ThrowIfNull(escapedPath);
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var segment in escapedPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(segment);
            ValidateName(name, nameof(escapedPath));
            builder.Add(name);
        }

        return new StoragePath(builder.ToImmutable());
    }

    /// <summary>The path of a child of this folder.</summary>
    /// <param name="name">The child's name: one segment, without <c>/</c>.</param>
    /// <returns>The child's path.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name.</exception>
    public StoragePath Combine(string name)
    {
        ValidateName(name, nameof(name));
        return new StoragePath(Segments.Count == 0 ? [name] : _segments.Add(name));
    }

    /// <summary>Whether this path lies below <paramref name="folder"/> (or is it).</summary>
    /// <param name="folder">The folder to test against.</param>
    /// <returns><see langword="true"/> when every segment of <paramref name="folder"/> starts this path.</returns>
    public bool IsSameOrBelow(StoragePath folder)
    {
        var mine = Segments;
        var theirs = folder.Segments;
        if (theirs.Count > mine.Count)
        {
            return false;
        }

        for (var i = 0; i < theirs.Count; i++)
        {
            if (!string.Equals(mine[i], theirs[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks that a file or folder name is a single valid segment.</summary>
    /// <param name="name">The name to check.</param>
    /// <returns>
    /// <see langword="true"/> when the name can be a path segment: not empty, not <c>.</c> or <c>..</c>, no <c>/</c>,
    /// no control character, and valid UTF-16 (a lone surrogate has no UTF-8 form, so a storage would store U+FFFD instead).
    /// </returns>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name != "." && name != ".." && !name.Contains('/', StringComparison.Ordinal) && !name.Any(char.IsControl)
        && !HasLoneSurrogate(name);

    /// <summary>The path with each segment percent-encoded (RFC 3986), starting with <c>/</c>; for building URLs.</summary>
    /// <returns>The escaped path, <c>/</c> for the root.</returns>
    public string ToEscapedString()
    {
        if (IsRoot)
        {
            return "/";
        }

        var builder = new StringBuilder();
        foreach (var segment in _segments)
        {
            builder.Append('/').Append(Uri.EscapeDataString(segment));
        }

        return builder.ToString();
    }

    /// <summary>The unescaped path, starting with <c>/</c>.</summary>
    /// <returns>The path as the user reads it.</returns>
    public override string ToString() => IsRoot ? "/" : "/" + string.Join('/', _segments);

    /// <inheritdoc/>
    public bool Equals(StoragePath other) => Segments.SequenceEqual(other.Segments, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StoragePath other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in Segments)
        {
            hash.Add(segment, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Compares two paths by their segments.</summary>
    /// <param name="left">The first path.</param>
    /// <param name="right">The second path.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(StoragePath left, StoragePath right) => left.Equals(right);

    /// <summary>Compares two paths by their segments.</summary>
    /// <param name="left">The first path.</param>
    /// <param name="right">The second path.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(StoragePath left, StoragePath right) => !left.Equals(right);

    private static void ValidateName(string name, string parameterName)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid file or folder name: it must be non-empty, not '.' or '..', and contain no '/', control characters or lone surrogates (invalid UTF-16).", parameterName);
        }
    }

    private static bool HasLoneSurrogate(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(name[i]))
            {
                return true;
            }
        }

        return false;
    }
}
