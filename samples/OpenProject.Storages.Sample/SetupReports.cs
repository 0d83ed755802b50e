namespace OpenProject.Storages.Sample;

/// <summary>The setup report of the in-memory storage, as an administrator would see it.</summary>
internal static class SetupReports
{
    public static async Task RunInMemoryAsync(Story story, TextWriter output, StorageSetupValidation validation, StorageId storage)
    {
        story.Step("9. Alice, an administrator, checks the storage's setup");
        var alices = await validation.ValidateAsync(storage, new StorageSetupValidationContext { ActingUser = InMemoryWorld.Alice });
        SetupReportPrinter.Print(output, alices);
        story.Expect(alices.Status == StorageCheckStatus.Passed, "every check passes for Alice, who is connected");

        story.Step("10. Carol, an administrator who never logged in, checks it too");
        var carols = await validation.ValidateAsync(storage, new StorageSetupValidationContext { ActingUser = InMemoryWorld.Carol });
        SetupReportPrinter.Print(output, carols);
        story.Expect(carols.Find(StorageSetupChecks.UserToken)?.Code == StorageSetupCodes.TokenMissing, "Carol is told to log in before user access can be checked");
        story.Expect(carols.Find(StorageSetupChecks.UserRequest)?.SkippedBecause == StorageSetupChecks.UserToken, "the user request is skipped, naming the token check");
    }
}
