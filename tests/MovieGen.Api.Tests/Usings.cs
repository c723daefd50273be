namespace MovieGen.Api.Tests;
