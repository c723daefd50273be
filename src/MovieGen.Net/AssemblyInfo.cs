namespace MovieGen.Net;
