namespace OpenProject.Storages;

/// <summary>A host project whose storage folder is managed automatically, as the host knows it.</summary>
public sealed record ManagedProjectFolder
{
    /// <summary>The host's project id.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The project's name, for messages.</summary>
    public required string ProjectName { get; init; }

    /// <summary>The id of the project's folder in the storage; <see langword="null"/> when the host has not linked one yet.</summary>
    public FileId? FolderId { get; init; }
}
