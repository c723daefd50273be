namespace MovieGen.Pipeline.Tests;
