using OpenProject.Storages.WebSample;

var app = WebSampleApp.Build(new WebApplicationOptions { Args = args });
await WebSampleApp.ResetDatabaseAsync(app);
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"OpenProject.Storages web sample: open {string.Join(", ", app.Urls)} and sign in as alice, bob or carol."));
await app.RunAsync();
