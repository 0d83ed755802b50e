namespace OpenProject.Storages;

/// <summary>The id of a user of the host application (the person acting, not their storage account).</summary>
public readonly record struct HostUserId
{
    /// <summary>Creates a host user id.</summary>
    /// <param name="value">The host's user id; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public HostUserId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>The host's user id as text.</summary>
    /// <exception cref="ArgumentException">This is <c>default(HostUserId)</c>, which has no value.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1065:Do not raise exceptions in unexpected locations", Justification = "Only a caller's own default(...) has no value: a caller mistake, wherever it is read.")]
    public string Value => _value ?? throw Internal.DefaultValue.Used(nameof(HostUserId));

    private readonly string? _value;

    /// <inheritdoc/>
    public override string ToString() => _value ?? string.Empty;
}
