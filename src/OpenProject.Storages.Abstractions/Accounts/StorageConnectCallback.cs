namespace OpenProject.Storages;

/// <summary>
/// What the storage's authorization server sent back to the host's OAuth callback: the URL the browser arrived at and its
/// query parameters. <see cref="ToString"/> hides the code and the state.
/// </summary>
public sealed record StorageConnectCallback
{
    /// <summary>The URL the callback arrived at (its query is ignored); it must equal the configured OAuth redirect URI.</summary>
    public required Uri RedirectUri { get; init; }

    /// <summary>The <c>state</c> parameter.</summary>
    public string? State { get; init; }

    /// <summary>The <c>code</c> parameter.</summary>
    public string? Code { get; init; }

    /// <summary>The <c>error</c> parameter (for example <c>access_denied</c>).</summary>
    public string? Error { get; init; }

    /// <summary>Reads a callback from the full URL the browser arrived at.</summary>
    /// <param name="callbackUrl">The absolute callback URL, with its query.</param>
    /// <returns>The callback.</returns>
    /// <exception cref="ArgumentException"><paramref name="callbackUrl"/> is not absolute.</exception>
    public static StorageConnectCallback FromUrl(Uri callbackUrl)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        if (!callbackUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The callback URL must be absolute.", nameof(callbackUrl));
        }

        string? state = null, code = null, error = null;
        var query = callbackUrl.Query.AsSpan().TrimStart('?');
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            if (name.SequenceEqual("state"))
            {
                state ??= value;
            }
            else if (name.SequenceEqual("code"))
            {
                code ??= value;
            }
            else if (name.SequenceEqual("error"))
            {
                error ??= value;
            }
        }

        return new StorageConnectCallback { RedirectUri = callbackUrl, State = state, Code = code, Error = error };
    }

    /// <summary>A description without the code and the state.</summary>
    /// <returns>Which parameters are present.</returns>
    public override string ToString() =>
        $"StorageConnectCallback {{ Host = {RedirectUri.Authority}, State = {Mask(State)}, Code = {Mask(Code)}, Error = {(Error is null ? "(none)" : "present")} }}";

    // Query values are form-encoded: '+' is a space there, unlike in a path.
    private static string Decode(ReadOnlySpan<char> value) => Uri.UnescapeDataString(value.ToString().Replace('+', ' '));

    private static string Mask(string? value) => value is null ? "(none)" : "***";
}
