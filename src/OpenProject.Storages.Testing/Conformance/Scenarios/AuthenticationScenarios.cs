namespace OpenProject.Storages.Testing.Conformance;

internal static class AuthenticationScenarios
{
    public static IEnumerable<ConformanceCase> Cases { get; } =
    [
        new("An actor who is not logged in is Unauthorized for listing and reading info, alone and in bulk", StorageCapabilities.DisconnectedActor, DisconnectedActorIsUnauthorizedAsync),
    ];

    private static async Task DisconnectedActorIsUnauthorizedAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var actor = fixture.DisconnectedActor ?? throw new ConformanceException("The fixture declares DisconnectedActor but supplies none.");
        var file = await fixture.ArrangeFileAsync(root.Combine("private.txt"), Check.Bytes("private"), cancellationToken).ConfigureAwait(false);

        await Check.FailsWithAsync(StorageErrorCode.Unauthorized, () => fixture.Storage.ListFolderAsync(actor, root, cancellationToken), "Listing as a disconnected actor").ConfigureAwait(false);
        await Check.FailsWithAsync(StorageErrorCode.Unauthorized, () => fixture.Storage.GetFileInfoAsync(actor, file.Id, cancellationToken), "Reading info as a disconnected actor").ConfigureAwait(false);
        await Check.FailsWithAsync(StorageErrorCode.Unauthorized, () => fixture.Storage.GetFileInfosAsync(actor, [file.Id], cancellationToken), "Reading bulk info as a disconnected actor").ConfigureAwait(false);
    }
}
