namespace MovieGen.Jobs;
