namespace OpenProject.Storages;

/// <summary>The id the link repository gave a file link.</summary>
public readonly record struct FileLinkId
{
    /// <summary>Creates a file link id.</summary>
    /// <param name="value">The repository's id; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public FileLinkId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>The repository's id as text.</summary>
    /// <exception cref="ArgumentException">This is <c>default(FileLinkId)</c>, which has no value.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1065:Do not raise exceptions in unexpected locations", Justification = "Only a caller's own default(...) has no value: a caller mistake, wherever it is read.")]
    public string Value => _value ?? throw Internal.DefaultValue.Used(nameof(FileLinkId));

    private readonly string? _value;

    /// <inheritdoc/>
    public override string ToString() => _value ?? string.Empty;
}
