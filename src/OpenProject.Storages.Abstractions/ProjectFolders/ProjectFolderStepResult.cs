namespace OpenProject.Storages.ProjectFolders;

/// <summary>What happened to one step of a sync.</summary>
public sealed record ProjectFolderStepResult
{
    /// <summary>The step.</summary>
    public required ProjectFolderStep Step { get; init; }

    /// <summary>How it ended.</summary>
    public required ProjectFolderStepOutcome Outcome { get; init; }

    /// <summary>Why it failed; <see langword="null"/> when it succeeded or was skipped.</summary>
    public StorageErrorCode? ErrorCode { get; init; }

    /// <summary>For a failed or skipped step: what went wrong and what an administrator can do about it.</summary>
    public string? Message { get; init; }

    /// <summary>The storage's own explanation of a failure, where it gave one; no secrets.</summary>
    public string? Detail { get; init; }

    /// <summary>The HTTP status of a failure, where there was one.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>For a skipped step: the failed step it waited for.</summary>
    public int? BlockedBy { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Message is null ? $"{Step}: {Outcome}" : $"{Step}: {Outcome}: {Message}";
}
