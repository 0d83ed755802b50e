namespace OpenProject.Storages.OneDrive.Tests.StandIn;

/// <summary>One driveItem in the <see cref="StatefulGraph"/>.</summary>
internal sealed class GraphNode
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public required bool IsFolder { get; init; }

    public GraphNode? Parent { get; set; }

    public byte[] Content { get; set; } = [];

    public string MimeType { get; init; } = "application/octet-stream";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ModifiedAt { get; set; }

    public string CreatedBy { get; init; } = "Alice Example";

    public List<GraphNode> Children { get; } = [];

    public StoragePath Path => Parent is null ? StoragePath.Root : Parent.Path.Combine(Name);
}
