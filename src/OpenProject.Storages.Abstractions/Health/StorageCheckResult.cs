namespace OpenProject.Storages;

/// <summary>
/// The outcome of one setup check: which check, in which group, how it went, a stable code for a
/// warning or failure, and a message that says what to do. Build one with <see cref="Pass"/>,
/// <see cref="Warn"/>, <see cref="Fail"/> or <see cref="Skip(string, StorageCheckGroup, StorageCheckResult)"/>.
/// </summary>
public sealed record StorageCheckResult
{
    private static readonly IReadOnlyDictionary<string, string> NoData = new Dictionary<string, string>(0);

    /// <summary>The check's stable name, for example <c>Capabilities</c>; one row of a dashboard.</summary>
    public required string Check { get; init; }

    /// <summary>The part of the setup the check covers.</summary>
    public required StorageCheckGroup Group { get; init; }

    /// <summary>How the check went.</summary>
    public required StorageCheckStatus Status { get; init; }

    /// <summary>
    /// The stable code of a warning or failure, for example <c>HostNotFound</c> (see
    /// <see cref="StorageSetupCodes"/> and the provider's own codes); <see langword="null"/> when the check
    /// passed or was skipped.
    /// </summary>
    public string? Code { get; init; }

    /// <summary>What was found and, for a warning or failure, what to do about it. Never contains a secret.</summary>
    public required string Message { get; init; }

    /// <summary>For a skipped check, the name of the earlier check whose failure kept it from running; <see langword="null"/> when it was skipped because it does not apply.</summary>
    public string? SkippedBecause { get; init; }

    /// <summary>Facts a dashboard can show (a version found, the minimum expected, example file names); never secrets.</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = NoData;

    /// <summary>A passed check.</summary>
    /// <param name="check">The check's name.</param>
    /// <param name="group">The group.</param>
    /// <param name="message">What was found.</param>
    /// <param name="data">Facts to show, if any.</param>
    /// <returns>The result.</returns>
    public static StorageCheckResult Pass(string check, StorageCheckGroup group, string message, IReadOnlyDictionary<string, string>? data = null) =>
        Create(check, group, StorageCheckStatus.Passed, code: null, message, data);

    /// <summary>A warning: the storage works, but something should be fixed.</summary>
    /// <param name="check">The check's name.</param>
    /// <param name="group">The group.</param>
    /// <param name="code">The stable code of the warning.</param>
    /// <param name="message">What was found and what to do.</param>
    /// <param name="data">Facts to show, if any.</param>
    /// <returns>The result.</returns>
    public static StorageCheckResult Warn(string check, StorageCheckGroup group, string code, string message, IReadOnlyDictionary<string, string>? data = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return Create(check, group, StorageCheckStatus.Warning, code, message, data);
    }

    /// <summary>A failure.</summary>
    /// <param name="check">The check's name.</param>
    /// <param name="group">The group.</param>
    /// <param name="code">The stable code of the failure.</param>
    /// <param name="message">What was found and what to do.</param>
    /// <param name="data">Facts to show, if any.</param>
    /// <returns>The result.</returns>
    public static StorageCheckResult Fail(string check, StorageCheckGroup group, string code, string message, IReadOnlyDictionary<string, string>? data = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return Create(check, group, StorageCheckStatus.Failed, code, message, data);
    }

    /// <summary>A check that did not run because an earlier one failed (or warned in a way that makes it pointless).</summary>
    /// <param name="check">The check's name.</param>
    /// <param name="group">The group.</param>
    /// <param name="because">The earlier result that kept this check from running.</param>
    /// <returns>The result, naming the earlier check and its code.</returns>
    public static StorageCheckResult Skip(string check, StorageCheckGroup group, StorageCheckResult because)
    {
        ArgumentNullException.ThrowIfNull(because);
        var reason = because.Code is { } code ? $"{because.Check} ({code})" : because.Check;
        return Create(check, group, StorageCheckStatus.Skipped, code: null, $"Not checked, because {reason} did not pass. Fix that first.", data: null) with { SkippedBecause = because.Check };
    }

    /// <summary>A check that did not run because it does not apply (for example, no acting user was given).</summary>
    /// <param name="check">The check's name.</param>
    /// <param name="group">The group.</param>
    /// <param name="reason">Why it did not run.</param>
    /// <returns>The result.</returns>
    public static StorageCheckResult Skip(string check, StorageCheckGroup group, string reason) =>
        Create(check, group, StorageCheckStatus.Skipped, code: null, reason, data: null);

    private static StorageCheckResult Create(string check, StorageCheckGroup group, StorageCheckStatus status, string? code, string message, IReadOnlyDictionary<string, string>? data)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(check);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new StorageCheckResult { Check = check, Group = group, Status = status, Code = code, Message = message, Data = data ?? NoData };
    }
}
