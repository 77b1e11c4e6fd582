print("ffgen")
