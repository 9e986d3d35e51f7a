// ASP.NET Core with no middleware at all, answering each file of a folder from memory: what Kestrel alone costs for
// the very bytes Masthead answers from its output cache. bench/run.sh measures it beside Masthead and nginx.
// usage: Masthead.KestrelFloor FOLDER URL
var files = Directory.GetFiles(args[0]).ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes);
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls(args[1]);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/{name}", (string name) => files.TryGetValue(name, out var bytes) ? Results.Bytes(bytes, "text/html") : Results.NotFound());
app.Run();
