using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.Abstractions.Tests.ProjectFolders;

public sealed class ProjectFolderNameTests
{
    [Theory]
    [InlineData("Demo project", "1", "Demo project (1)")]
    [InlineData("[Sample] Project Name / Ehuu", "-273", "[Sample] Project Name | Ehuu (-273)")]
    [InlineData(@"<=o=> / ""Jedi"" Project Folder \\\", "-273", @"<=o=> | ""Jedi"" Project Folder ||| (-273)")]
    [InlineData("  Padded  ", "7", "Padded (7)")]
    [InlineData("Ümlæûts + #% ~ Ёжик 🍑", "8", "Ümlæûts + #% ~ Ёжик 🍑 (8)")]
    public void Names_follow_OpenProject(string name, string id, string expected) =>
        Assert.Equal(expected, ProjectFolderName.For(name, id));

    [Fact]
    public void Control_characters_and_the_storages_forbidden_characters_become_underscores() =>
        Assert.Equal("a_b_c_d (1)", ProjectFolderName.For("a\nb\tc:d", "1", forbiddenCharacters: ":"));

    [Fact]
    public void A_long_name_is_shortened_and_keeps_its_id_suffix_without_splitting_an_emoji()
    {
        var name = ProjectFolderName.For(new string('x', 244) + "🍑🍑🍑", "12345");

        Assert.True(name.Length <= ProjectFolderName.MaxLength);
        Assert.EndsWith(" (12345)", name, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(name[^9]));
    }

    [Fact]
    public void Every_name_is_a_valid_path_segment() =>
        Assert.True(StoragePath.IsValidName(ProjectFolderName.For("../..", "1")));
}
