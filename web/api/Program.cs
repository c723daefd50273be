using MovieGen.Api.Admin;
using MovieGen.Api.Clients;
using MovieGen.Api.Jobs;
using MovieGen.Api.Operations;
using MovieGen.Api.Pages;
using MovieGen.Api.Security;
using MovieGen.Api.Settings;

var builder = WebApplication.CreateBuilder(args);

builder.AddProductionChecks();
builder.AddClientAddresses();
builder.AddJobs();
builder.AddPages();
builder.AddOperations();
builder.AddAdmin();

var app = builder.Build();

app.UseClientAddresses();
app.UseSecurityHeaders();
app.UseRequestMetrics();
app.UsePageAssets();
app.UseAdminAccess();

app.MapPages();
app.MapJobsApi();
app.MapOpenApi();
app.MapOperations();
app.MapAdmin();

return await app.RunWithSettingsCheckAsync();

public partial class Program;
