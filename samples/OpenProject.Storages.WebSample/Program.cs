using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using OpenProject.Storages;
using OpenProject.Storages.Testing;
using OpenProject.Storages.WebSample.Host;

var builder = WebApplication.CreateBuilder(args);

// The host's own domain and sign-in: seeded users, cookie authentication.
var directory = new HostDirectory();
builder.Services.AddSingleton(directory);
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options => options.LoginPath = "/SignIn");
builder.Services.AddAuthorization();
builder.Services.AddRazorPages(options => options.Conventions.AuthorizeFolder("/").AllowAnonymousToPage("/SignIn"));

// The library: the embedded in-memory "Nextcloud", links, tokens and connect state in SQLite through the EF Core stores.
var storage = SampleStorage.Create();
builder.Services.AddSingleton(storage);
builder.Services.AddSingleton<UploadStaging>();
builder.Services.AddSingleton<StorageConnections>();

// Project folders: an in-memory team folder app, with the sync lock from the EF Core stores.
var teamFolders = new InMemoryProjectFolderStorage();
foreach (var user in directory.Users.Where(user => user.Id != "carol"))
{
    teamFolders.AddUser(user.Id);
}

builder.Services.AddSingleton(teamFolders);
builder.Services.AddOpenProjectStorages().AddInMemoryStorage(storage);
var databasePath = builder.Configuration["Sample:Database"] ?? Path.Combine(Path.GetTempPath(), "openproject-storages-websample.db");
builder.Services.AddDbContext<SampleDbContext>(options => options.UseSqlite($"Data Source={databasePath}"));
builder.Services.AddOpenProjectStorageStores<SampleDbContext>();

// Who may view and manage a work package's files: project members view, the admin and Carol manage.
var authorization = new InMemoryFileLinkAuthorization();
foreach (var workPackage in directory.WorkPackages)
{
    authorization.AllowManage(new HostUserId("alice"), workPackage.Container);
    authorization.AllowView(new HostUserId("bob"), workPackage.Container);
    authorization.AllowManage(new HostUserId("carol"), workPackage.Container);
}

builder.Services.AddSingleton<IFileLinkAuthorization>(authorization);

var app = builder.Build();

// The in-memory storage starts empty of links on every run, so the database does too.
await using (var scope = app.Services.CreateAsyncScope())
{
    var database = scope.ServiceProvider.GetRequiredService<SampleDbContext>().Database;
    await database.EnsureDeletedAsync();
    await database.EnsureCreatedAsync();
}

app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"OpenProject.Storages web sample: open {string.Join(", ", app.Urls)} and sign in as alice, bob or carol."));
await app.RunAsync();

/// <summary>The entry point, visible to the browser tests' in-process host.</summary>
public partial class Program;
