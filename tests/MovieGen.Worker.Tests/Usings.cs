namespace MovieGen.Worker.Tests;
