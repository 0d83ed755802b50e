namespace OpenProject.Storages.Nextcloud.Tests.StandIn;

/// <summary>A request as the stand-in saw it, body included.</summary>
internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The path below the base address, still escaped (<c>remote.php/dav/files/alice/Project%20Docs</c>).</summary>
    public string RelativePath { get; init; } = string.Empty;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
