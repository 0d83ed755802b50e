namespace OpenProject.Storages.Internal;

/// <summary>The claim of a token store that one app instance uses: nothing to coordinate, nothing to end.</summary>
internal sealed class NoRefreshClaim : IAsyncDisposable
{
    public static readonly NoRefreshClaim Instance = new();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
