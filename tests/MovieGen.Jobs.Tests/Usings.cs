namespace MovieGen.Jobs.Tests;
