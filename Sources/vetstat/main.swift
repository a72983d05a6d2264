print("vetstat")
